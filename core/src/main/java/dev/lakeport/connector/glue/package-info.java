/**
 * The AWS Glue Data Catalog connector, over the AWS SDK v2.
 *
 * <ul>
 *   <li>{@link dev.lakeport.connector.glue.GlueConnector} owns one SDK client (Apache 5 HTTP pool, call timeouts,
 *       SDK retries off) and hands out readers and writers.
 *   <li>{@link dev.lakeport.connector.glue.GlueCatalogReader} streams lazily; each page call is retried on its own.
 *       Partitions come from parallel GetPartitions segments after a one-page probe, so a small table costs one call.
 *   <li>{@link dev.lakeport.connector.glue.GlueCatalogWriter} makes exactly one call per method; batch calls report
 *       Glue's per-entry errors.
 *   <li>{@link dev.lakeport.connector.glue.GlueModelConverter} carries every field: what the model has no place for
 *       travels in Parameters as {@code lakeport.glue.<Field>} JSON and is restored on write.
 *   <li>{@link dev.lakeport.connector.glue.GlueErrors} is the only place SDK exceptions become
 *       {@link dev.lakeport.connector.ConnectorException}s.
 * </ul>
 */
package dev.lakeport.connector.glue;
