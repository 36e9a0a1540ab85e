import { loadEngine } from "/work/wt-me/src/core/engine.js";
import { tuningFigures } from "/work/wt-me/test/support/quality.js";

const e = await loadEngine("/work/wt-me/knowledge");
console.log(JSON.stringify(tuningFigures(e.answers)));
