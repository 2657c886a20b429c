import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { outputBinaryOption, readOutputBinaryField, toBinary } from '../../fields/binary';
import { buildListQuery, dsrFiltersOption, dsrListOptions } from '../../fields/dsrFilters';
import { showOnlyFor } from '../../helpers/displayOptions';
import { InputError, toEnum } from '../../helpers/validate';
import { dastraDownload } from '../../transport';
import { dastraRequestAllItems } from '../../transport/pager';
import { EXPORT_FORMATS } from '../../types';

const MIME_TYPES: { [F in (typeof EXPORT_FORMATS)[number]]: string } = {
	csv: 'text/csv',
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	json: 'application/json',
	pdf: 'application/pdf',
	docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
	html: 'text/html',
};

export const description = showOnlyFor({ resource: ['dataSubjectRequest'], operation: ['export'] }, [
	{
		displayName: 'Format',
		name: 'format',
		type: 'options',
		options: [
			{ name: 'CSV', value: 'csv' },
			{ name: 'Excel (XLSX)', value: 'xlsx' },
			{ name: 'HTML', value: 'html' },
			{ name: 'JSON', value: 'json' },
			{ name: 'PDF', value: 'pdf' },
			{ name: 'Word (DOCX)', value: 'docx' },
		],
		default: 'csv',
		description: 'The file format Dastra writes the list in',
	},
	dsrFiltersOption,
	dsrListOptions,
	outputBinaryOption,
]);

export async function execute(this: IExecuteFunctions, i: number): Promise<INodeExecutionData[]> {
	const format = toEnum(this.getNodeParameter('format', i), EXPORT_FORMATS, 'Format') as keyof typeof MIME_TYPES;
	const property = readOutputBinaryField.call(this, i);
	const { qs, keep } = buildListQuery(
		this.getNodeParameter('filters', i, {}) as IDataObject,
		this.getNodeParameter('options', i, {}) as IDataObject,
	);
	// The export body is the list query (DataSubjectExportQuery). An empty object would not be
	// sent at all by n8n's request helper, so `archived` (false: Dastra's default) is always set.
	const body: IDataObject = { archived: false, ...qs };
	if (keep) {
		// Email and Reference ID go to Dastra as a `filters` rule it may ignore (unconfirmed). A
		// file cannot be re-checked afterwards, and exporting everyone's requests instead of one
		// person's would leak personal data: the matching IDs are found first and exported by ID.
		const matching = await dastraRequestAllItems.call(this, '/DataSubjectRequests', qs, { keep });
		if (!matching.length) {
			throw new InputError(
				'No request matches the Email or Reference ID filter: nothing to export',
				'Check the Email and Reference ID filters, or remove them to export every request the other filters match.',
			);
		}
		body.ids = matching.map((dsr) => dsr.id as number);
	}
	const { body: bytes, headers } = await dastraDownload.call(
		this,
		`/DataSubjectRequests/export/${format}`,
		'The data subject request export',
		{ method: 'POST', body, format },
	);
	const { data, fileName, mimeType } = await toBinary.call(this, bytes, headers, {
		fileName: `data-subject-requests.${format}`,
		mimeType: MIME_TYPES[format],
	});
	return [{ json: { format, fileName, mimeType, size: bytes.length }, binary: { [property]: data } }];
}
