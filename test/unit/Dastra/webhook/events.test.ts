import { DSR_EVENTS } from '../../../../nodes/Dastra/webhook/events';
import { NOTIFICATION_CHANNELS } from '../../../fake-dastra/routes/webhooks';

describe('DSR_EVENTS', () => {
	it("are NODE-INTERFACE.md's names, all in Dastra's NotificationChannel enum (the fake's copy of the OpenAPI one)", () => {
		expect([...DSR_EVENTS]).toEqual([
			'DataSubjectCreation',
			'DataSubjectUpdate',
			'DataSubjectStateChange',
			'DataSubjectArchived',
			'DataSubjectWidgetCreation',
			'DataSubjectMessage',
			'DataSubjectIdentityValidated',
			'DataSubjectRequestProcessed',
			'DataSubjectMessageAssigned',
		]);
		for (const e of DSR_EVENTS) expect(NOTIFICATION_CHANNELS).toContain(e);
	});
});
