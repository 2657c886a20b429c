import { lookupResource } from '../fields/lookup';
import { listEntities, listTags, listUsers, listWorkflowSteps } from '../transport/lookups';

// GET /Areas?type=Entity, paged.
export const entity = lookupResource('entity', 'entities', listEntities);
// GET /Workflows/DataSubject: one unpaged list; Limit is applied here.
export const workflowStep = lookupResource('workflowStep', 'process steps', listWorkflowSteps);
// GET /Tags?type=DataSubject: one unpaged list.
export const tag = lookupResource('tag', 'tags', listTags);
// GET /v1/TenantUsers?workspaceId=..., paged.
export const user = lookupResource('user', 'users', listUsers);
