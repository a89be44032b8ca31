// Preloaded into the HTTP bench's server (`node --import …/loop-monitor.mjs scripts/serve.mjs`, see http-server.ts):
// measures how long the server's event loop is blocked, on request over the IPC channel the bench opens. A 1 ms timer
// (perf_hooks.monitorEventLoopDelay) records the interval between its ticks; the longest interval is the longest time
// the loop could not run anything else — a request rendered in one go (the dashboard's load and SSR are synchronous)
// shows as one interval of about its own length. Messages: { loopDelay: 'start' } resets and starts the monitor,
// { loopDelay: 'stop' } stops it and answers { loopDelay: { maxMs, p99Ms, meanMs, ticks } }. Nothing else is touched.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';

if (isMainThread && process.send) {
	const histogram = monitorEventLoopDelay({ resolution: 1 });
	const ms = (ns) => Math.round(ns / 1e4) / 100;
	const TICKS_MS = 5;
	process.on('message', (message) => {
		if (message?.loopDelay === 'start') {
			histogram.reset();
			histogram.enable();
			// answered once the timer has ticked, so that a block right after the answer is measured from a tick
			setTimeout(() => process.send({ loopDelay: 'started' }), TICKS_MS);
		} else if (message?.loopDelay === 'stop') {
			// stopped after a few more ticks, so that the tick ending the last block is counted
			setTimeout(stop, TICKS_MS);
		}
	});
	const stop = () => {
		histogram.disable();
		process.send({
			loopDelay: {
				maxMs: ms(histogram.max),
				p99Ms: ms(histogram.percentile(99)),
				meanMs: ms(histogram.mean),
				ticks: histogram.count
			}
		});
	};
	// the channel must not keep the server alive once adapter-node has closed it on SIGTERM
	process.channel?.unref();
}
