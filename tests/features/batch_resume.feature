Feature: An interrupted catalogue run resumes where it stopped
  A run over a large catalogue can be stopped (Ctrl-C, a job scheduler, a crash). The output
  file is never half-written: results go to a partial file beside it with a checkpoint, and
  --resume continues from the next unfinished row.

  Background:
    Given the rules come from the small test pack
    And a catalogue "catalog.csv" of 500 products like:
      """
      sku,name,hts,origin,customs_value,fact:has_radio_transmitter,material:steel
      R,Wi-Fi router,8517.62.0090,CN,1000,true,
      D,Infusion pump,9018.90.8000,CN,2000,,300
      H,Live horse,0101.21.0010,MX,5000,,
      """

  Scenario: A stopped run leaves no output file, only its partial file and checkpoint
    Given I stopped `compliance batch catalog.csv --no-default-rules --as-of 2025-06-01 -o out.jsonl --chunk-size 50` after 200 rows
    Then there is no file "out.jsonl"
    And the stopped run said only "stopped after 200 of 500 rows; run the same command with --resume to continue"
    And the working folder has "out.jsonl.checkpoint" containing ""done": 200"
    And the working folder has "out.jsonl.partial" containing "R-1"

  Scenario: --resume finishes the run without redoing finished rows
    Given I stopped `compliance batch catalog.csv --no-default-rules --as-of 2025-06-01 -o out.jsonl --chunk-size 50` after 200 rows
    When I run `compliance batch catalog.csv --no-default-rules --as-of 2025-06-01 -o out.jsonl --resume` in the working folder
    Then the exit code is 0
    And the error output contains "resumed after 200"
    And the file "out.jsonl" has 500 lines
    And there is no file "out.jsonl.checkpoint"
    And there is no file "out.jsonl.partial"
    When I run `compliance batch catalog.csv --no-default-rules --as-of 2025-06-01 -o again.jsonl -q` in the working folder
    Then the files "out.jsonl" and "again.jsonl" are the same

  Scenario: Resuming with other options is refused rather than mixing two runs
    Given I stopped `compliance batch catalog.csv --no-default-rules --as-of 2025-06-01 -o out.jsonl --chunk-size 50` after 100 rows
    When I run `compliance batch catalog.csv --no-default-rules --as-of 2026-01-01 -o out.jsonl --resume` in the working folder
    Then the exit code is 2
    And the error is one line naming "cannot resume: as_of changed since the interrupted run"

  Scenario: A second run writing the same output is stopped without touching the first
    Given a run of "catalog.csv" to "out.jsonl" has written 100 rows and is still going
    When I run `compliance batch catalog.csv --no-default-rules --as-of 2025-06-01 -o out.jsonl` in the working folder
    Then the exit code is 2
    And the error is one line naming "out.jsonl: --output: another run is writing this output"
    And there is no file "out.jsonl"
    And the working folder has "out.jsonl.checkpoint" containing ""done": 100"
    When the first run ends
    Then the file "out.jsonl" has 500 lines
    And there is no file "out.jsonl.partial"
