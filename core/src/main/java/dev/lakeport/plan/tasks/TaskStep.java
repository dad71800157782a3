package dev.lakeport.plan.tasks;

/** One step of a task: create or update the tables and partitions at the destination, or copy their rows. */
public enum TaskStep {
    METADATA,
    DATA
}
