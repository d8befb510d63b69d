#define _XOPEN_SOURCE 700
#include "CNcurses.h"
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

static SCREEN *screen;
static FILE *input;
static FILE *output;
// Signal handlers may only touch a flag of this type.
static volatile sig_atomic_t caught_signal;
static volatile sig_atomic_t continued;

int sitmon_start(int input_fd) {
    input = fdopen(dup(input_fd), "r");
    output = fdopen(dup(STDOUT_FILENO), "w");
    if (!input || !output) return -1;
    // Esc must answer at once, not after curses' default second.
    set_escdelay(25);
    screen = newterm(NULL, output, input);
    if (!screen) return -1;
    set_term(screen);
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    nodelay(stdscr, TRUE);
    intrflush(stdscr, FALSE);
    leaveok(stdscr, TRUE);
    idlok(stdscr, TRUE);
    curs_set(0);
    if (has_colors()) {
        start_color();
        use_default_colors();
    }
    return 0;
}

void sitmon_end(void) {
    if (!screen) return;
    curs_set(1);
    endwin();
    delscreen(screen);
    screen = NULL;
    fflush(output);
}

int sitmon_lines(void) { return LINES; }
int sitmon_cols(void) { return COLS; }
int sitmon_colors(void) { return COLORS; }
int sitmon_color_pairs(void) { return COLOR_PAIRS; }
int sitmon_has_colors(void) { return has_colors() ? 1 : 0; }

attr_t sitmon_attributes(int bold, int dim, int reverse, int underline) {
    attr_t a = A_NORMAL;
    if (bold) a |= A_BOLD;
    if (dim) a |= A_DIM;
    if (reverse) a |= A_REVERSE;
    if (underline) a |= A_UNDERLINE;
    return a;
}

int sitmon_init_pair(int pair, int fg, int bg) { return init_pair((short)pair, (short)fg, (short)bg); }

void sitmon_draw(int y, int x, const char *utf8, attr_t attributes, int pair) {
    wattr_set(stdscr, attributes, (short)pair, NULL);
    mvwaddstr(stdscr, y, x, utf8);
}

void sitmon_clear_all(void) { clearok(curscr, TRUE); }

void sitmon_flush(void) {
    wnoutrefresh(stdscr);
    doupdate();
}

int sitmon_read_key(uint32_t *code) {
    wint_t ch = 0;
    int r = wget_wch(stdscr, &ch);
    *code = (uint32_t)ch;
    return r;
}

int sitmon_enable_mouse(void) {
    mmask_t wanted = BUTTON1_PRESSED | BUTTON1_CLICKED | BUTTON4_PRESSED;
#ifdef BUTTON5_PRESSED
    wanted |= BUTTON5_PRESSED;
#endif
    mouseinterval(0);
    return mousemask(wanted, NULL) != 0 ? 1 : 0;
}

int sitmon_read_mouse(int *x, int *y) {
    MEVENT event;
    if (getmouse(&event) != OK) return 0;
    *x = event.x;
    *y = event.y;
    if (event.bstate & (BUTTON1_PRESSED | BUTTON1_CLICKED)) return 1;
    if (event.bstate & BUTTON4_PRESSED) return 2;
#ifdef BUTTON5_PRESSED
    if (event.bstate & BUTTON5_PRESSED) return 3;
#endif
    return 0;
}

int sitmon_wcwidth(uint32_t code) { return wcwidth((wchar_t)code); }

static void on_signal(int sig) { caught_signal = sig; }
static void on_continue(int sig) {
    (void)sig;
    continued = 1;
}

void sitmon_install_signal_handlers(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    // No SA_RESTART: the signal must interrupt poll() so the loop sees the flag at once.
    sa.sa_flags = 0;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    // SIGTSTP stays with curses (it restores the terminal before stopping); on SIGCONT the loop
    // repaints everything, since the terminal may have been used by something else meanwhile.
    sa.sa_handler = on_continue;
    sigaction(SIGCONT, &sa, NULL);
}

int sitmon_take_continued(void) {
    int c = continued;
    continued = 0;
    return c;
}

int sitmon_take_signal(void) {
    int sig = caught_signal;
    caught_signal = 0;
    return sig;
}
