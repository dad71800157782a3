/**
 * The pipeline: a migration's steps strung together for one project file ({@link dev.lakeport.pipeline.Migration}:
 * load, diff, plan, apply, verify over the snapshot), with what a front end needs around them (connection probes by
 * kind, exclusions, the sample copy). The command line and the desktop drive a migration only through this package.
 */
package dev.lakeport.pipeline;
