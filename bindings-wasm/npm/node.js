// Node entry: loads the WebAssembly module from beside this file, synchronously, so that
// `import * as mubiao from "mubiao"` is ready to use.
import { readFileSync } from "node:fs";
import { initSync } from "./mubiao.js";

initSync({ module: readFileSync(new URL("./mubiao_bg.wasm", import.meta.url)) });

export * from "./mubiao.js";
