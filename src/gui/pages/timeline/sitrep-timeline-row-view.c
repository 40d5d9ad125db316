/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "sitrep-timeline"

#include "config.h"

#include <glib/gi18n.h>

#include "sitrep-timeline-row-private.h"

/* The row's view side measures and draws itself: the time block and the
 * text are PangoLayouts made once per entry and re-wrapped only when the
 * width changes; the kind chip is one small label, for its CSS colours;
 * pin and menu are drawn as icons, and become real buttons only when the
 * row is hovered, focused or selected. A wrapping GtkLabel in a GtkBox
 * made GTK shape the text many times per row for every open. */
#define VIEW_SPACING   12
#define TIME_WIDTH     130
#define ICON_SIZE      16

G_DEFINE_FINAL_TYPE (SitrepTimelineRowView, sitrep_timeline_row_view, GTK_TYPE_WIDGET)

/* The widths of a flat icon button, the same for every row: measured once,
 * so the text wraps the same with or without real buttons. */
static int
button_width (void)
{
  static int width = -1;

  if (width < 0)
    {
      GtkWidget *button = g_object_ref_sink (gtk_button_new_from_icon_name ("view-pin-symbolic"));

      gtk_widget_add_css_class (button, "flat");
      gtk_widget_measure (button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
      g_object_unref (button);
      width = MAX (width, ICON_SIZE);
    }

  return width;
}

/* The time column: TIME_WIDTH, or wider when the text is larger (a large
 * text setting) and a time would run into the chip. Measured once per
 * font and resolution. */
static int
time_column_width (GtkWidget *widget)
{
  static guint measured_for = 0;
  static int width = TIME_WIDTH;
  PangoContext *context = gtk_widget_get_pango_context (widget);
  guint key = pango_font_description_hash (pango_context_get_font_description (context)) ^
              (guint) (pango_cairo_context_get_resolution (context) * 16);

  if (key != measured_for)
    {
      PangoLayout *layout = pango_layout_new (context);
      PangoAttrList *attrs = pango_attr_list_new ();
      int w = 0;

      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
      pango_layout_set_attributes (layout, attrs);
      pango_layout_set_markup (layout, "<b>00:00:00 UTC</b>", -1);
      pango_layout_get_pixel_size (layout, &w, NULL);
      pango_attr_list_unref (attrs);
      g_object_unref (layout);
      width = MAX (TIME_WIDTH, w);
      measured_for = key;
    }

  return width;
}

int
_sitrep_timeline_view_text_x (SitrepTimelineRowView *self)
{
  return time_column_width (GTK_WIDGET (self)) + VIEW_SPACING + _sitrep_timeline_chip_width (self->chip) + VIEW_SPACING;
}

/* Everything right of the text: spacing, pin, spacing, menu. */
static int
view_tail_width (void)
{
  return VIEW_SPACING + button_width () + VIEW_SPACING + button_width ();
}

/* Where something w wide at x from the start edge goes: the columns
 * run right to left in a right-to-left locale. */
static int
view_x (SitrepTimelineRowView *self,
        int                    x,
        int                    w)
{
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    return gtk_widget_get_width (GTK_WIDGET (self)) - x - w;
  return x;
}

static void
view_wrap_text (SitrepTimelineRowView *self,
                int                    width)
{
  int text_width = MAX (1, width - _sitrep_timeline_view_text_x (self) - view_tail_width ());

  if (self->text_layout != NULL && self->text_width != text_width)
    {
      pango_layout_set_width (self->text_layout, text_width * PANGO_SCALE);
      self->text_width = text_width;
    }
}

static void
sitrep_timeline_row_view_measure (GtkWidget      *widget,
                                  GtkOrientation  orientation,
                                  int             for_size,
                                  int            *minimum,
                                  int            *natural,
                                  int            *minimum_baseline,
                                  int            *natural_baseline)
{
  SitrepTimelineRowView *self = SITREP_TIMELINE_ROW_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int fixed = _sitrep_timeline_view_text_x (self) + view_tail_width ();

      *minimum = fixed + 60;
      *natural = fixed + 400;
    }
  else
    {
      int height = button_width ();
      int chip_height = 0, h = 0;

      gtk_widget_measure (self->chip, GTK_ORIENTATION_VERTICAL, -1, NULL, &chip_height, NULL, NULL);
      height = MAX (height, chip_height);
      if (self->time_layout != NULL)
        {
          pango_layout_get_pixel_size (self->time_layout, NULL, &h);
          height = MAX (height, h);
        }
      if (self->text_layout != NULL)
        {
          view_wrap_text (self, for_size >= 0 ? for_size
                                              : _sitrep_timeline_view_text_x (self) +
                                                view_tail_width () + 400);
          pango_layout_get_pixel_size (self->text_layout, NULL, &h);
          height = MAX (height, h);
        }
      *minimum = *natural = height;
    }
}

static void
sitrep_timeline_row_view_size_allocate (GtkWidget *widget,
                                        int        width,
                                        int        height,
                                        int        baseline)
{
  SitrepTimelineRowView *self = SITREP_TIMELINE_ROW_VIEW (widget);
  int chip_height = 0;
  int bw = button_width ();
  int bh = 0;

  view_wrap_text (self, width);
  gtk_widget_measure (self->chip, GTK_ORIENTATION_VERTICAL, -1, NULL, &chip_height, NULL, NULL);
  {
    int chip_width = _sitrep_timeline_chip_width (self->chip);

    gtk_widget_size_allocate (self->chip,
                              &(GtkAllocation) { view_x (self, time_column_width (widget) + VIEW_SPACING, chip_width),
                                                 0, chip_width, chip_height }, -1);
  }
  if (self->pin_button != NULL)
    {
      gtk_widget_measure (self->pin_button, GTK_ORIENTATION_VERTICAL, -1, NULL, &bh, NULL, NULL);
      bh = MIN (bh, height);
      gtk_widget_size_allocate (self->pin_button,
                                &(GtkAllocation) { view_x (self, width - 2 * bw - VIEW_SPACING, bw),
                                                   (height - bh) / 2,
                                                   bw, bh }, -1);
      gtk_widget_size_allocate (self->menu_button,
                                &(GtkAllocation) { view_x (self, width - bw, bw), (height - bh) / 2,
                                                   bw, bh }, -1);
    }
}

static GdkPaintable *
icon_paintable (GtkWidget  *widget,
                const char *name)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gtk_widget_get_display (widget));

  return GDK_PAINTABLE (gtk_icon_theme_lookup_icon (theme, name, NULL, ICON_SIZE,
                                                    gtk_widget_get_scale_factor (widget),
                                                    gtk_widget_get_direction (widget), 0));
}

static void
snapshot_icon (GtkWidget     *widget,
               GtkSnapshot   *snapshot,
               const char    *name,
               int            x,
               int            y,
               const GdkRGBA *color)
{
  g_autoptr(GdkPaintable) icon = icon_paintable (widget, name);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  if (GTK_IS_SYMBOLIC_PAINTABLE (icon))
    gtk_symbolic_paintable_snapshot_symbolic (GTK_SYMBOLIC_PAINTABLE (icon), snapshot,
                                              ICON_SIZE, ICON_SIZE, color, 1);
  else
    gdk_paintable_snapshot (icon, snapshot, ICON_SIZE, ICON_SIZE);
  gtk_snapshot_restore (snapshot);
}

static void
sitrep_timeline_row_view_snapshot (GtkWidget   *widget,
                                   GtkSnapshot *snapshot)
{
  SitrepTimelineRowView *self = SITREP_TIMELINE_ROW_VIEW (widget);
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  GdkRGBA color;

  gtk_style_context_get_color (style, &color);

  if (self->time_layout != NULL)
    {
      int time_width = 0;

      pango_layout_get_pixel_size (self->time_layout, &time_width, NULL);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (view_x (self, 0, time_width), 0));
      gtk_snapshot_append_layout (snapshot, self->time_layout, &color);
      gtk_snapshot_restore (snapshot);
    }
  gtk_widget_snapshot_child (widget, self->chip, snapshot);
  if (self->text_layout != NULL)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (view_x (self, _sitrep_timeline_view_text_x (self),
                                                            self->text_width), 0));
      gtk_snapshot_append_layout (snapshot, self->text_layout, &color);
      gtk_snapshot_restore (snapshot);
    }

  if (self->pin_button != NULL)
    {
      gtk_widget_snapshot_child (widget, self->pin_button, snapshot);
      gtk_widget_snapshot_child (widget, self->menu_button, snapshot);
    }
  else
    {
      /* As the buttons look: the pin faint unless pinned, then in the
       * accent colour; in high contrast, never faint (style-hc.css). */
      int bw = button_width ();
      int y = (height - ICON_SIZE) / 2;
      GdkRGBA pin = color;

      if (self->pinned)
        {
          if (!gtk_style_context_lookup_color (style, "accent_color", &pin))
            pin = color;
        }
      else if (!adw_style_manager_get_high_contrast (adw_style_manager_get_default ()))
        pin.alpha *= 0.3f;
      snapshot_icon (widget, snapshot, "view-pin-symbolic",
                     view_x (self, width - 2 * bw - VIEW_SPACING + (bw - ICON_SIZE) / 2, ICON_SIZE),
                     y, &pin);
      snapshot_icon (widget, snapshot, "view-more-symbolic",
                     view_x (self, width - bw + (bw - ICON_SIZE) / 2, ICON_SIZE), y, &color);
    }
}

static gboolean
pin_query_tooltip (GtkWidget  *widget,
                   int         x,
                   int         y,
                   gboolean    keyboard,
                   GtkTooltip *tooltip,
                   gpointer    data)
{
  SitrepTimelineRowView *self = data;

  gtk_tooltip_set_text (tooltip, self->pinned ? _("Unpin (Ctrl+P)") : _("Pin as a key event (Ctrl+P)"));
  return TRUE;
}


void
_sitrep_timeline_row_view_ensure_buttons (SitrepTimelineRowView *self)
{
  if (self->pin_button != NULL)
    return;

  self->pin_button = gtk_toggle_button_new ();
  gtk_button_set_icon_name (GTK_BUTTON (self->pin_button), "view-pin-symbolic");
  gtk_widget_add_css_class (self->pin_button, "flat");
  gtk_widget_add_css_class (self->pin_button, "pin-button");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->pin_button), self->pinned);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->pin_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pinned"), -1);
  gtk_widget_set_has_tooltip (self->pin_button, TRUE);
  g_signal_connect (self->pin_button, "query-tooltip", G_CALLBACK (pin_query_tooltip), self);
  g_signal_connect_swapped (self->pin_button, "toggled",
                            G_CALLBACK (_sitrep_timeline_row_pin_toggled), self->row);

  self->menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (self->menu_button), "view-more-symbolic");
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (self->menu_button),
                                         _sitrep_timeline_row_create_menu, NULL, NULL);
  gtk_widget_add_css_class (self->menu_button, "flat");
  gtk_widget_set_tooltip_text (self->menu_button, _("Entry menu"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Entry menu"), -1);

  gtk_widget_set_parent (self->pin_button, GTK_WIDGET (self));
  gtk_widget_set_parent (self->menu_button, GTK_WIDGET (self));
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
_sitrep_timeline_row_view_set_pinned (SitrepTimelineRowView *self,
                                      gboolean               pinned)
{
  self->pinned = pinned;
  if (self->pin_button != NULL)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->pin_button), pinned);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
_sitrep_timeline_row_view_set_markup (SitrepTimelineRowView *self,
                                      const char            *time_markup,
                                      const char            *text_markup)
{
  if (self->time_layout == NULL)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      self->time_layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      self->text_layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
      pango_layout_set_wrap (self->text_layout, PANGO_WRAP_WORD_CHAR);
      self->text_width = -1;
      /* The "numeric" style of the time column: figures of one width. */
      pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum=1"));
      pango_layout_set_attributes (self->time_layout, attrs);
      pango_attr_list_unref (attrs);
    }

  pango_layout_set_alignment (self->text_layout,
                              gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL
                              ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
  pango_layout_set_markup (self->time_layout, time_markup, -1);
  pango_layout_set_markup (self->text_layout, text_markup, -1);
  if (self->text_width > 0)
    pango_layout_set_width (self->text_layout, self->text_width * PANGO_SCALE);
  g_free (self->time_text);
  self->time_text = g_strdup (pango_layout_get_text (self->time_layout));
  g_free (self->text_text);
  self->text_text = g_strdup (pango_layout_get_text (self->text_layout));
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* The font or the theme changed: the layouts follow. */
static void
sitrep_timeline_row_view_css_changed (GtkWidget         *widget,
                                      GtkCssStyleChange *change)
{
  SitrepTimelineRowView *self = SITREP_TIMELINE_ROW_VIEW (widget);

  GTK_WIDGET_CLASS (sitrep_timeline_row_view_parent_class)->css_changed (widget, change);
  if (self->time_layout != NULL)
    {
      pango_layout_context_changed (self->time_layout);
      pango_layout_context_changed (self->text_layout);
      gtk_widget_queue_resize (widget);
    }
}

static void
sitrep_timeline_row_view_dispose (GObject *object)
{
  SitrepTimelineRowView *self = SITREP_TIMELINE_ROW_VIEW (object);

  g_clear_pointer (&self->chip, gtk_widget_unparent);
  g_clear_pointer (&self->pin_button, gtk_widget_unparent);
  g_clear_pointer (&self->menu_button, gtk_widget_unparent);
  g_clear_object (&self->time_layout);
  g_clear_object (&self->text_layout);
  g_clear_pointer (&self->time_text, g_free);
  g_clear_pointer (&self->text_text, g_free);

  G_OBJECT_CLASS (sitrep_timeline_row_view_parent_class)->dispose (object);
}

static GtkSizeRequestMode
view_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
sitrep_timeline_row_view_class_init (SitrepTimelineRowViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sitrep_timeline_row_view_dispose;
  widget_class->measure = sitrep_timeline_row_view_measure;
  widget_class->size_allocate = sitrep_timeline_row_view_size_allocate;
  widget_class->snapshot = sitrep_timeline_row_view_snapshot;
  widget_class->css_changed = sitrep_timeline_row_view_css_changed;
  widget_class->get_request_mode = view_request_mode;
  gtk_widget_class_set_css_name (widget_class, "timelinerowview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_PRESENTATION);
}

/* The buttons are made when the pointer enters the row, but GTK sends a
 * press to what was under the pointer at its last move: a click on the
 * drawn pin or menu before the pointer moved again does what the button
 * would, and like the button it does not select the row. */
static int
view_drawn_button_at (SitrepTimelineRowView *self,
                      double                 x,
                      double                 y)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int bw = button_width ();
  int pin_x = view_x (self, width - 2 * bw - VIEW_SPACING, bw);
  int menu_x = view_x (self, width - bw, bw);

  if (x >= pin_x && x < pin_x + bw)
    return 1;
  if (x >= menu_x && x < menu_x + bw)
    return 2;
  return 0;
}

/* Whether a real button took the press itself (it is :active then, before
 * the press reaches the view). */
static gboolean
view_button_pressed (SitrepTimelineRowView *self,
                     int                    which)
{
  GtkWidget *button;

  if (self->pin_button == NULL)
    return FALSE;
  button = which == 1 ? self->pin_button : gtk_widget_get_first_child (self->menu_button);
  return button != NULL && (gtk_widget_get_state_flags (button) & GTK_STATE_FLAG_ACTIVE) != 0;
}

static void
on_view_pressed (GtkGestureClick       *gesture,
                 int                    n_press,
                 double                 x,
                 double                 y,
                 SitrepTimelineRowView *self)
{
  int which = view_drawn_button_at (self, x, y);

  if (which != 0 && !view_button_pressed (self, which))
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  else
    gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
}

static void
on_view_released (GtkGestureClick       *gesture,
                  int                    n_press,
                  double                 x,
                  double                 y,
                  SitrepTimelineRowView *self)
{
  int which = view_drawn_button_at (self, x, y);

  if (which == 0 || gtk_gesture_get_sequence_state (GTK_GESTURE (gesture),
                                                    gtk_gesture_single_get_current_sequence (GTK_GESTURE_SINGLE (gesture)))
                    != GTK_EVENT_SEQUENCE_CLAIMED)
    return;
  _sitrep_timeline_row_view_ensure_buttons (self);
  if (which == 1)
    gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->pin_button), !self->pinned);
  else
    gtk_menu_button_popup (GTK_MENU_BUTTON (self->menu_button));
}

static void
sitrep_timeline_row_view_init (SitrepTimelineRowView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_view_pressed), self);
  g_signal_connect (click, "released", G_CALLBACK (on_view_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  self->chip = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->chip, "kind-chip");
  gtk_widget_set_parent (self->chip, GTK_WIDGET (self));
}
