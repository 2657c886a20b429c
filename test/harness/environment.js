/**
 * Jest's node environment with two changes, both for speed without losing what the tests prove.
 *
 * 1. n8n loads once per worker, not once per test file. Jest gives every test file a fresh module
 *    registry, so each file loaded n8n-core and what it pulls in (about 1,600 modules: n8n-workflow,
 *    LangChain, zod, ssh2, ...) anew, most of the suite's time. The modules in `SHARED` now resolve
 *    (jest.config.js maps each to a stub in shared/) to the worker's own copy, loaded once. The
 *    pack's code, the fake and the tests still load per file: coverage and `jest.mock` work as before.
 *
 * 2. Tests run in the worker's own JavaScript realm, as n8n runs the pack, not in a vm context of
 *    their own. With n8n-core loaded outside the sandbox, a sandbox would give the pack's code one
 *    `Error`, `Date` and `Array` and n8n-core another: `instanceof` would answer differently than
 *    in n8n (an `Error` the pack made would not be one to n8n-core). So scripts run in this
 *    context (the technique of jest-environment-node-single-context, jest issue #2549).
 *
 * What a shared realm no longer isolates is restored after each file: spies (jestSetup.ts), the
 * console and process.exit jest swaps in, and n8n-core's SSH client manager (its one-minute sweep
 * would keep the worker alive).
 */
const vm = require('node:vm');
const { TestEnvironment } = require('jest-environment-node');
const { LegacyFakeTimers, ModernFakeTimers } = require('@jest/fake-timers');
const { ModuleMocker } = require('jest-mock');

/** Modules whose single instance n8n-core and the tests must share (classes, the DI container). */
const SHARED = ['n8n-workflow', 'n8n-core', '@n8n/di', '@n8n/backend-common'];

/** The "context" getVmContext hands jest: scripts given it run in this realm. */
const THIS_REALM = {};
const runInContext = vm.Script.prototype.runInContext;
vm.Script.prototype.runInContext = function (context, options) {
	return context === THIS_REALM ? this.runInThisContext(options) : runInContext.call(this, context, options);
};

class N8nEnvironment extends TestEnvironment {
	constructor(config, context) {
		super(config, context);
		const { projectConfig } = config;
		this.global = globalThis;
		this.moduleMocker = new ModuleMocker(globalThis);
		this.fakeTimers = new LegacyFakeTimers({
			config: projectConfig,
			global: globalThis,
			moduleMocker: this.moduleMocker,
			timerConfig: { idToRef: (id) => ({ id, ref() { return this; }, unref() { return this; } }), refToId: (timer) => timer?.id },
		});
		this.fakeTimersModern = new ModernFakeTimers({ config: projectConfig, global: globalThis });
		this.saved = { console: globalThis.console, exit: process.exit };
		globalThis.n8nShared = (id) => {
			if (!SHARED.includes(id)) throw new Error(`${id} is not one of the modules shared with n8n-core`);
			return require(id);
		};
	}

	getVmContext() {
		return THIS_REALM;
	}

	async teardown() {
		if (require.cache[require.resolve('n8n-core')]) {
			const { Container } = require('@n8n/di');
			const { SSHClientsManager } = require('n8n-core/dist/execution-engine/ssh-clients-manager');
			Container.get(SSHClientsManager).onShutdown();
		}
		globalThis.console = this.saved.console;
		process.exit = this.saved.exit;
		await super.teardown();
	}
}

N8nEnvironment.SHARED = SHARED;
module.exports = N8nEnvironment;
