/**
 * Decision engines: threshold classification with reasons, progressive autonomy and the
 * decision log's search. Pure functions on plain data.
 */
export * from './classify';
export * from './decision-log';
export * from './progression';
