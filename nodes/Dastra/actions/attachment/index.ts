import type { INodeProperties } from 'n8n-workflow';

import { operationPicker } from '../../fields/common';
import type { ResourceOperations } from '../../types';
import * as remove from './delete';
import * as download from './download';
import * as upload from './upload';

export const operations: ResourceOperations<'attachment'> = { upload, download, delete: remove };

export const description: INodeProperties[] = [
	operationPicker('attachment', 'upload', [
		['delete', 'Delete', 'Delete a file from a request', 'Delete an attachment'],
		['download', 'Download', 'Download a file of a request as binary data', 'Download an attachment'],
		['upload', 'Upload', 'Attach a file (binary data) to a request', 'Upload an attachment'],
	]),
	...upload.description,
	...download.description,
	...remove.description,
];
