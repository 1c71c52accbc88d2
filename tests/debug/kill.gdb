# The debug.gdb_kill test: killing from GDB ends the run as a limit does (exit code 3).
set confirm off
break hart_value
continue
kill
echo PASS\n
