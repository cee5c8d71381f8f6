export * from "./calendar";
export * from "./zone";
export * from "./due";
export * from "./format";
