/**
 * The partition filter language of {@code aws.partition.filter.<db>.<table>} (Glue's expression grammar): parsed once,
 * bound to a table's partition keys, evaluated on values. Shared by the engine, which filters what was read, and by
 * connectors that push a filter down to their server in their own form.
 */
package dev.lakeport.filter;
