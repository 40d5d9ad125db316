/* SPDX-License-Identifier: GPL-3.0-or-later */
/* fuzz-entry.h: the entry point each fuzz target defines, called by
 * libFuzzer in a fuzzing build and by replay.c in the normal one */

#pragma once

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);
