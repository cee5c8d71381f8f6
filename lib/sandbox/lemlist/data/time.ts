export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

/** lemlist's timestamps: ISO strings with whole milliseconds (generated times are fractional). */
export const iso = (t: number) => new Date(Math.floor(t)).toISOString();
