/**
 * How long work says how far it has come: `done` of `total` steps are finished, `label` names
 * the step now running (the last one, once `done === total`). Domain code calls it and never
 * knows who listens; the operator CLI turns it into a progress line on a terminal
 * (api/cli/progress.ts) and passes nothing when its output is not one.
 */
export type Progress = (done: number, total: number, label: string) => void;

/** Steps told one after another: `next(label)` finishes the previous step and starts `label`. */
export function progressSteps(total: number, onProgress: Progress | undefined) {
  let done = -1;
  return {
    next(label: string): void {
      done += 1;
      onProgress?.(Math.min(done, total), total, label);
    },
    finish(label: string): void {
      done = total;
      onProgress?.(total, total, label);
    },
  };
}

export type ProgressSteps = ReturnType<typeof progressSteps>;
