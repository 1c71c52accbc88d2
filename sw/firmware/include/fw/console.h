/* The console behind stdout and stderr. Output is collected per hart and written a line at a
 * time, so that lines from different harts do not interleave. */
#ifndef FW_CONSOLE_H
#define FW_CONSOLE_H

/* Writes out the calling hart's unfinished line, if any (_exit does it). */
void console_flush(void);

#endif
