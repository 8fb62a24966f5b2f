import { StaleMaxHeap } from '../../../src/review/escalation/stale-max-heap';

/** Pops every item, lowering the priorities of the others after each pop as `lower` says. */
function drain(priorities: number[], lower: (popped: number, priorities: number[]) => void, before = (a: number, b: number) => a < b): number[] {
  const heap = new StaleMaxHeap({ priority: (i) => priorities[i], before });
  heap.pushAll(priorities.keys());
  const order: number[] = [];
  for (let item = heap.popBest(); item >= 0; item = heap.popBest()) {
    order.push(item);
    priorities[item] = 0;
    lower(item, priorities);
  }
  return order;
}

describe('a max-heap whose priorities only go down', () => {
  test('pops by current priority, not the priority an item was pushed with', () => {
    // After 0 is popped, 1 falls from 9 to 2: 2 (at 5) and 3 (at 4) go first.
    const order = drain([10, 9, 5, 4], (popped, p) => {
      if (popped === 0) p[1] = 2;
    });
    expect(order).toEqual([0, 2, 3, 1]);
  });

  test('an item whose priority falls to nothing is never popped', () => {
    const order = drain([3, 2, 1], (popped, p) => {
      if (popped === 0) p[2] = 0;
    });
    expect(order).toEqual([0, 1]);
  });

  test('ties go by the order given, and every pop is the best of what is left, as a scan would find it', () => {
    // A pseudo-random run (fixed seed) checked against a linear scan at every step.
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const priorities = Array.from({ length: 300 }, () => 1 + Math.floor(random() * 20));
    const scanOrder: number[] = [];
    const scan = [...priorities];
    const lowerBy = (p: number[]) => {
      for (let k = 0; k < 5; k++) {
        const i = Math.floor(random() * p.length);
        if (p[i] > 0) p[i] -= 1;
      }
    };
    // The same lowering for both: a copy of the generator's state per step.
    const steps: number[][] = [];
    const heapOrder = drain([...priorities], (_, p) => {
      const before = [...p];
      lowerBy(p);
      steps.push(p.map((v, i) => before[i] - v));
    });
    let step = 0;
    while (scan.some((v) => v > 0)) {
      let best = -1;
      for (let i = 0; i < scan.length; i++) if (scan[i] > 0 && (best < 0 || scan[i] > scan[best])) best = i;
      scanOrder.push(best);
      scan[best] = 0;
      steps[step++].forEach((drop, i) => (scan[i] = Math.max(0, scan[i] - drop)));
    }
    expect(heapOrder.length).toBeGreaterThan(100);
    expect(heapOrder).toEqual(scanOrder);
  });
});
