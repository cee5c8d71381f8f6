/** The fastest of `runs` passes of a fixed single-thread workload, in ms (lower is a faster machine). */
export function cpuReferenceMs(runs?: number): number;
