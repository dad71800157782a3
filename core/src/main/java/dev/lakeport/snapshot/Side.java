package dev.lakeport.snapshot;

/** Which catalog a snapshot row was read from. */
public enum Side {
    SOURCE,
    DESTINATION
}
