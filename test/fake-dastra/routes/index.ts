/**
 * The fake's route table. To add an endpoint: write its module (an array of `Route`, see
 * route.ts) and add it here. Order matters only between routes whose paths overlap.
 */
import { attachmentRoutes } from './attachments';
import { controlRoutes } from './control';
import { dataSubjectRequestRoutes } from './dataSubjectRequests';
import { dsrExtraRoutes } from './dsrExtras';
import { lookupRoutes } from './lookups';
import { messageRoutes } from './messages';
import { processingRoutes } from './processings';
import type { Route } from './route';
import { taskRoutes } from './tasks';
import { webhookRoutes } from './webhooks';
import { widgetRoutes } from './widget';

export const ROUTES: Route[] = [
	...dataSubjectRequestRoutes,
	...dsrExtraRoutes,
	...processingRoutes,
	...messageRoutes,
	...attachmentRoutes,
	...taskRoutes,
	...lookupRoutes,
	...widgetRoutes,
	...webhookRoutes,
	...controlRoutes,
];

export { noRoute, type Answer, type Route } from './route';
