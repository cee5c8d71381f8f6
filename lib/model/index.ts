export * from "./vendor";
export * from "./activity";
export * from "./task";
export * from "./campaign";
export * from "./contact";
export * from "./connection";
