import { describe, expect, it } from 'vitest';
import { Gate, QueueFullError } from './queue';

describe('intake gate', () => {
	it('lets `limit` in at once, queues the rest in order with their positions, and refuses past the line', async () => {
		const gate = new Gate(2, 2);
		const a = await gate.enter();
		const b = await gate.enter();
		expect([a.position, b.position]).toEqual([0, 0]);
		const order: string[] = [];
		const c = gate.enter().then((t) => (order.push('c'), t));
		const d = gate.enter().then((t) => (order.push('d'), t));
		expect(gate.stats()).toEqual({ active: 2, waiting: 2 });
		await expect(gate.enter()).rejects.toBeInstanceOf(QueueFullError);
		a.release();
		a.release(); // a second release changes nothing
		const third = await c;
		expect(third.position).toBe(1);
		expect(gate.stats()).toEqual({ active: 2, waiting: 1 });
		b.release();
		const fourth = await d;
		expect(fourth.position).toBe(2);
		expect(order).toEqual(['c', 'd']);
		third.release();
		fourth.release();
		expect(gate.stats()).toEqual({ active: 0, waiting: 0 });
	});
});
