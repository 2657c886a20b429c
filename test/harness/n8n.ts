/**
 * Runs workflow JSON through n8n-core's real WorkflowExecute with the pack's real node and
 * credential classes. Only what a full n8n adds around the engine is supplied, one job a file:
 * the node-type registry (nodeTypes.ts), the credentials helper (credentials.ts), the workflow
 * runner (runner.ts) and the contexts for load options and polls (contexts.ts). Tests import
 * from here.
 */
export { type WorkflowJson, makeWorkflow, nodeTypeRegistry, registerNodeType } from './nodeTypes';
export { applyGenericAuth, makeAdditionalData } from './credentials';
export { type RunResult, dastraWorkflow, runWorkflow } from './runner';
export { loadOptionsContext, triggerHarness } from './contexts';
