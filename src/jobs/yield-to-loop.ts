/** Re-exported for the jobs; the pipeline's steps use the same helper (src/app/pipeline/yield-to-loop.ts). */
export { yieldToLoop } from "../app/pipeline/yield-to-loop";
