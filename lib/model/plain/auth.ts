// zod-free: client components import this (a module that defines zod schemas at its top
// level brings all of zod into the page's JavaScript).

export const PASSWORD_MIN_LENGTH = 12;
