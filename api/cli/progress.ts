/**
 * Progress of a long command on the operator's terminal: a spinner (ora) with a bar, the step
 * count, the seconds so far and the step now running, on stderr, cleared when the command ends.
 * When stderr is not a terminal (CI, a log, a pipe) there is no line at all and `onProgress` is
 * undefined, so the domain code skips its calls and the output is exactly what it was.
 */
import ora from 'ora';
import type { Progress } from '../progress.ts';

export interface ProgressLine {
  /** Hand this to the domain function; undefined when the output is not a terminal. */
  onProgress: Progress | undefined;
  /** Clears the line (call it before printing the result, and on failure). */
  stop(): void;
}

const BAR = 20;

function bar(done: number, total: number): string {
  const filled = total > 0 ? Math.round((BAR * Math.min(done, total)) / total) : 0;
  return `${'█'.repeat(filled)}${'░'.repeat(BAR - filled)}`;
}

export function progressLine(title: string, stream: NodeJS.WriteStream = process.stderr): ProgressLine {
  // A pseudo-terminal nobody sized (no columns) is a harness, not a person: nothing to draw on.
  if (!stream.isTTY || !(stream.columns > 0)) return { onProgress: undefined, stop: () => {} };
  const started = performance.now();
  let state = { done: 0, total: 0, label: '' };
  const spinner = ora({ stream, isEnabled: true, discardStdin: false, text: title });
  const render = () => {
    const seconds = `${Math.floor((performance.now() - started) / 1000)} s`;
    const counted = state.total > 0 ? ` ${bar(state.done, state.total)} ${state.done}/${state.total}` : '';
    // The seconds before the label, so a long label cut at the edge never hides them.
    const text = `${title}${counted} · ${seconds}${state.label ? ` · ${state.label}` : ''}`;
    // One line: a wrapped line leaves copies behind on narrow terminals.
    const room = Math.max(20, stream.columns - 3);
    spinner.text = text.length > room ? `${text.slice(0, room - 1)}…` : text;
    // Drawn now, not at the spinner's next tick: PGlite's queries run on this thread and can
    // hold the event loop for the whole of a step.
    spinner.render();
  };
  spinner.start();
  const ticking = setInterval(render, 1000);
  ticking.unref();
  return {
    onProgress(done, total, label) {
      state = { done, total, label };
      render();
    },
    stop() {
      clearInterval(ticking);
      spinner.stop();
    },
  };
}

/** Runs `work` with a progress line titled `title`, clearing it however the work ends. */
export async function withProgress<T>(
  title: string,
  work: (onProgress: Progress | undefined) => Promise<T>,
): Promise<T> {
  const line = progressLine(title);
  try {
    return await work(line.onProgress);
  } finally {
    line.stop();
  }
}
