export * from "./mubiao.js";
