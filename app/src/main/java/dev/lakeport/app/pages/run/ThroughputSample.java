package dev.lakeport.app.pages.run;

/** One point of the throughput chart: seconds since the run started, and objects finished per second just before. */
public record ThroughputSample(double seconds, double perSecond) {}
