// The C side of sitmon's terminal backend: ncursesw with wide-character APIs, plus shims for
// what Swift cannot import (macros, variadic functions, C globals, signal flags).
#ifndef SITMON_CNCURSES_H
#define SITMON_CNCURSES_H

// SwiftPM drops pkg-config's -D flags, so ask for the wide-character API here (ARCHITECTURE.md §3).
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <ncursesw/curses.h>
#include <stdint.h>

/// Starts curses on the terminal, reading keys from `input_fd`. Returns 0, or -1 when the
/// terminal cannot be set up (the caller prints why; curses has not exited the process).
int sitmon_start(int input_fd);
/// Restores the terminal. Safe to call twice.
void sitmon_end(void);

int sitmon_lines(void);
int sitmon_cols(void);
int sitmon_colors(void);
int sitmon_color_pairs(void);
int sitmon_has_colors(void);

/// Attribute bits for bold, dim, reverse and underline (the A_* macros).
attr_t sitmon_attributes(int bold, int dim, int reverse, int underline);
/// Defines a colour pair; -1 is the terminal's default colour.
int sitmon_init_pair(int pair, int fg, int bg);
/// Writes UTF-8 text at a position with attributes and a colour pair.
void sitmon_draw(int y, int x, const char *utf8, attr_t attributes, int pair);
/// Makes the next refresh repaint everything (after a resize or resume).
void sitmon_clear_all(void);
/// Sends what changed to the terminal: one doupdate per frame.
void sitmon_flush(void);

/// Next key without waiting: returns ERR when none, OK with a character, KEY_CODE_YES with a key code.
int sitmon_read_key(uint32_t *code);

/// Turns on mouse reports (clicks and the wheel); returns 0 when the terminal has no mouse.
int sitmon_enable_mouse(void);
/// The mouse event behind a KEY_MOUSE: position and kind (1 click, 2 wheel up, 3 wheel down, 0 other).
int sitmon_read_mouse(int *x, int *y);

/// Display columns of a code point from the C library (-1 for non-printing).
int sitmon_wcwidth(uint32_t code);

/// Text printed to standard error after a crash or SIGQUIT gave the terminal back (where the
/// backtrace went). Crash signals (QUIT, ILL, TRAP, ABRT, BUS, FPE, SEGV) restore the terminal
/// from the moment curses starts, then pass the signal on to the handler that was there before.
void sitmon_set_crash_note(const char *note);

/// Catches SIGINT, SIGTERM and SIGHUP into a flag (curses would otherwise exit without our cleanup).
/// The first one also starts a 0.8 s watchdog: should the loop not have ended by then, the
/// terminal is given back and the process exits with 128 + the signal.
void sitmon_install_signal_handlers(void);
/// The last signal caught, or 0; clears it.
int sitmon_take_signal(void);
/// Whether the process was continued (SIGCONT, e.g. `fg` after Ctrl-Z) since the last call.
int sitmon_take_continued(void);

#endif
