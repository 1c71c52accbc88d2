# The debug.gdb test: a session on gdb_demo (sw/firmware/apps/gdb_demo), every hart a thread.
# `expect ACTUAL EXPECTED` quits GDB with status 1 on a wrong value (its arguments are split at
# spaces, so expressions are written without); run_gdb.sh wants the PASS at the end.
set confirm off

define expect
  if ($arg0) != ($arg1)
    echo FAIL: $arg0 is\040
    output $arg0
    echo , expected $arg1\n
    quit 1
  end
end

# Stopped before the first instruction: hart 0 in the boot ROM, the four tile harts in reset.
expect $_inferior_thread_count 5
expect $_thread 1
expect $pc 0

# A breakpoint on a firmware function; hart 0 gets there first, then releases the others.
break hart_value
continue
expect $_thread 1
expect hart 0
expect seed 10
expect $mhartid 0
expect $mstatus&0x1800 0x1800

# One instruction, then out of the function with its value.
set $entry = $pc
stepi
expect $pc $entry+4
finish
expect $ 100

# The next hart at the breakpoint: whichever it is, its thread, hart id and arguments agree.
continue
set $tile = $_thread
expect hart $tile-1
expect $mhartid hart
expect seed 10+hart

# Another hart: its registers, and a step of it with every other hart held. (Hart 0 waits
# for the others in a loop; a tile hart may still be held in reset, and a step of it would
# wait for its release, which no one could give.)
thread 1
expect $mhartid 0
set $before = $pc
set scheduler-locking on
stepi
set scheduler-locking off
expect $_thread 1
expect $pc!=$before 1
thread $tile

# Memory: variables read and written.
expect results[0] 100
set var results[31] = 77
expect results[31] 77

# A watchpoint stops the hart that next adds itself to `finished`, after hart 0 did.
delete
watch finished
continue
expect finished 2
delete

# To the end.
continue
expect $_exitcode 0
echo PASS\n
