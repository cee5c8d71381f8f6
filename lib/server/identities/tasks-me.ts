import "server-only";
import { ASSIGNEE_ME, type TaskFacets, type TasksPage, type TasksQuery } from "@/lib/model/tasks-query";
import type { Principal } from "../auth/authenticate";
import type { TasksQueryWithMe } from "../queries/tasks";
import type { Db } from "../store/db";
import { displayName, shortId, vendorUserNames } from "./directory";
import { linkedIdentities } from "./me";

/** Resolves `assignee=me` to the caller's linked vendor users (no links: matches no task). */
export async function withMe(db: Db, q: TasksQuery, principal: Principal): Promise<TasksQueryWithMe> {
  if (!q.assignee?.includes(ASSIGNEE_ME)) return q;
  return { ...q, me: await linkedIdentities(db, principal.userId) };
}

/** Assignees by name where the vendor gave only an id: see ./directory.ts. */
export async function nameAssignees(db: Db, page: TasksPage): Promise<TasksPage> {
  if (!page.data.some((t) => t.assignee?.id && !t.assignee.name)) return page;
  const names = await vendorUserNames(db);
  return {
    ...page,
    data: page.data.map((t) =>
      t.assignee?.id && !t.assignee.name
        ? { ...t, assignee: { id: t.assignee.id, name: names.get(`${t.vendor}\u0000${t.assignee.id}`) ?? null } }
        : t,
    ),
  };
}

/** Facet labels for assignees the same way; "me" keeps its own entry. */
export async function nameAssigneeFacets(db: Db, facets: TaskFacets): Promise<TaskFacets> {
  const names = await vendorUserNames(db);
  const byId = new Map<string, string>();
  for (const [k, v] of names) byId.set(k.split("\u0000")[1]!, v);
  return {
    ...facets,
    assignees: facets.assignees.map((a) =>
      a.label === shortId(a.value) || a.label === a.value ? { ...a, label: byId.get(a.value) ?? a.label } : a,
    ),
  };
}

export { displayName };
