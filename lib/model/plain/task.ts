// zod-free: client components import this (a module that defines zod schemas at its top
// level brings all of zod into the page's JavaScript).

export const TASK_STATUSES = ["open", "done", "ignored"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const TASK_PRIORITIES = ["low", "medium", "high"] as const;
