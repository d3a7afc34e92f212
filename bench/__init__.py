"""The benchmark suite (`make bench`): server, browser, memory, concurrency and query timings at several data sizes."""
