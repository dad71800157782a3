/**
 * From what Glue holds to what DLF should hold: {@link dev.lakeport.mapping.GlueToDlfMapping} (with
 * {@link dev.lakeport.mapping.LocationMapper} for {@code location.convertMap}), and what a run covers:
 * {@link dev.lakeport.mapping.Scope} with its {@link dev.lakeport.filter.PartitionFilter} language.
 */
package dev.lakeport.mapping;
