import HarnessCLI

// The `harness` executable: everything it does lives in the HarnessCLI library and below.
HarnessCommand.main()
