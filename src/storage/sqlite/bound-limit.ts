/**
 * `LIMIT <param>` for a limit bound at each run. A bare `LIMIT ?` makes SQLite (3.53 here) plan
 * with the bound value, so every binding (better-sqlite3 binds on each run) expires the statement
 * and the next run prepares it again: ~10 µs on a one-row read here, ~50 µs on an as-of page.
 * `? + 0` is the same limit, as an expression the planner leaves alone.
 */
export const boundLimit = (param = '?'): string => `LIMIT ${param} + 0`
