/**
 * The DSR events Dastra can push (NotificationChannel values), in NODE-INTERFACE.md's order: the
 * one list the node's Events options and the payload rules are built from.
 */
export const DSR_EVENT_OPTIONS = [
	{ value: 'DataSubjectCreation', name: 'Request Created', description: 'A data subject request was created' },
	{ value: 'DataSubjectUpdate', name: 'Request Updated', description: 'A data subject request was edited' },
	{ value: 'DataSubjectStateChange', name: 'Request State Changed', description: 'The state of a request changed' },
	{ value: 'DataSubjectArchived', name: 'Request Archived', description: 'A request was archived' },
	{ value: 'DataSubjectWidgetCreation', name: 'Request Created by Widget', description: 'A request arrived through a widget' },
	{ value: 'DataSubjectMessage', name: 'Message Posted', description: 'A message was posted on a request', message: true },
	{ value: 'DataSubjectIdentityValidated', name: 'Identity Validated', description: "The requester's identity was validated" },
	{ value: 'DataSubjectRequestProcessed', name: 'Request Processed', description: 'The processings of a request were handled' },
	{ value: 'DataSubjectMessageAssigned', name: 'Message Assigned', description: 'A message on a request was assigned', message: true },
] as const;

export type DsrEvent = (typeof DSR_EVENT_OPTIONS)[number]['value'];

export const DSR_EVENTS: readonly DsrEvent[] = DSR_EVENT_OPTIONS.map((e) => e.value);

const MESSAGE_EVENTS: readonly string[] = DSR_EVENT_OPTIONS.filter((e) => 'message' in e).map((e) => e.value);

/** Whether the event's data is a message (its request named inside) rather than a request. */
export const isMessageEvent = (eventType: string) => MESSAGE_EVENTS.includes(eventType);
