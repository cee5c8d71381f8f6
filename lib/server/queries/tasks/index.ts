import "server-only";
// Read side of the tasks page and API (API.md "Tasks"), split at its seams: the filters as
// SQL, the rows, the pages in due order, the facet counts.
export { dueWindowSql, queryWindow, type TasksContext, type TasksQueryWithMe } from "./conditions";
export { loadTasks } from "./rows";
export { iterateTasks, listTasks } from "./pages";
export { taskFacets } from "./facets";
