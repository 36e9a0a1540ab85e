/**
 * Gradient descent with Adam steps and an L2 penalty, full batch: thousands of samples and
 * weights need no library. `gradient` adds the data's gradient at `w` into `g`.
 */
export function descend(
  size: number,
  gradient: (w: Float64Array, g: Float64Array) => void,
  steps = 600,
  l2 = 0.01,
): Float64Array {
  const w = new Float64Array(size);
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  const g = new Float64Array(size);
  for (let step = 1; step <= steps; step++) {
    g.fill(0);
    gradient(w, g);
    for (let k = 0; k < size; k++) {
      const gk = (g[k] ?? 0) + l2 * (w[k] ?? 0);
      m[k] = 0.9 * (m[k] ?? 0) + 0.1 * gk;
      v[k] = 0.999 * (v[k] ?? 0) + 0.001 * gk * gk;
      const mHat = (m[k] ?? 0) / (1 - 0.9 ** step);
      const vHat = (v[k] ?? 0) / (1 - 0.999 ** step);
      w[k] = (w[k] ?? 0) - (0.1 * mHat) / (Math.sqrt(vHat) + 1e-8);
    }
  }
  return w;
}

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
