// cairo (PDF surface, PNG reading), pango on cairo, and pango's fontconfig font map, so a
// render can use a private fontconfig configuration that holds only the pinned font.
#include <cairo/cairo.h>
#include <cairo/cairo-pdf.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <fontconfig/fontconfig.h>
