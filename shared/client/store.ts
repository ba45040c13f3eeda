/**
 * The phone apps' little state store: one value, replaced by patches, watched by screens. Both
 * apps make theirs with this (their state's shape is their own).
 */
import { useEffect, useState } from 'preact/hooks';

export interface Store<S> {
  get(): S;
  set(patch: Partial<S>): void;
  /** The current state, and a re-render whenever it changes (a Preact hook). */
  use(): S;
}

export function createStore<S>(initial: S): Store<S> {
  let state = initial;
  const listeners = new Set<(s: S) => void>();
  return {
    get: () => state,
    set(patch) {
      state = { ...state, ...patch };
      for (const listener of listeners) listener(state);
    },
    use() {
      const [current, setCurrent] = useState(state);
      useEffect(() => {
        listeners.add(setCurrent);
        setCurrent(state);
        return () => {
          listeners.delete(setCurrent);
        };
      }, []);
      return current;
    },
  };
}
