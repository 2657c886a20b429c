/**
 * What an AI model reads about the Dastra node. When an agent uses the node as a tool, n8n
 * describes the tool, at the default "Set Automatically", as "<the operation's action> in
 * Dastra" (the actions live in each resource's operation picker); the arguments are the
 * `$fromAI()` placeholders the workflow's author put in the parameters, and our errors come
 * back as the tool's answer (helpers/toolErrors.ts). Below: the Dastra Tool's description (the
 * editor shows it; n8n 2.8 to 2.41 apply `replacements` to the editor's copy of the type only, so
 * the model reads it once a user pastes it into "Set Manually", which starts from the automatic
 * text), and the hint n8n's workflow builder searches.
 */
import type { INodeTypeDescription } from 'n8n-workflow';

/**
 * The purposes a privacy inbox speaks of, in Dastra's words (`purposes` takes these values; the
 * rest of the enum, Information, Restriction, AutomatedDecision, AdvanceDirectives and Unknown,
 * is rarer).
 */
const PURPOSE_WORDS = [
	'Access (a copy of my data)',
	'Erasure (delete my data, forget me)',
	'Rectification (correct my data)',
	'Opposition (objection: stop using my data, stop marketing)',
	'Portability (send my data to me or another company)',
	'Restriction (pause the use of my data)',
];

export const TOOL_DESCRIPTION = [
	'Handle GDPR data subject requests (DSRs) in Dastra: find a request by the person\'s e-mail or by Reference ID, create one, write to the person, read or update it.',
	`Purpose values: ${PURPOSE_WORDS.join('; ')}; also Information, AutomatedDecision, AdvanceDirectives, Unknown.`,
	'Never file the same message twice: give each request a Reference ID taken from its source (e.g. the e-mail\'s Message-ID) and search by that Reference ID before creating.',
	'An error answer names the field and what is allowed: correct the argument and call again.',
].join(' ');

/** The workflow builder's search hint (n8n 2.3x and later). */
const SEARCH_HINT =
	'Dastra (GDPR privacy management): create, find and update data subject requests (access, erasure, rectification, objection, portability), write to the requester, move requests through process steps. Use as an AI Agent tool to triage a privacy inbox; pair with Dastra Trigger or Dastra Webhook Trigger to react to request events.';

/**
 * `builderHint` typed by the n8n-workflow the pack is compiled against: typings that have it
 * (2.3x+) check the object; older ones (the pinned 2.8) see nothing to check. At run time the
 * key is plain data that n8n versions without a workflow builder ignore.
 */
type BuilderHintField = INodeTypeDescription extends { builderHint?: infer H }
	? { builderHint?: H }
	: Record<never, never>;

export const builderHint = {
	builderHint: {
		searchHint: SEARCH_HINT,
		relatedNodes: [
			{
				nodeType: '@n8n/n8n-nodes-langchain.agent',
				relationHint: 'Give the agent Dastra tools to file and answer requests found in an inbox',
			},
			{ nodeType: 'n8n-nodes-dastra.dastraTrigger', relationHint: 'Start a workflow when a request is created, changes or nears its deadline' },
		],
	},
} as BuilderHintField;
