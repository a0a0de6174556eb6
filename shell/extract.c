/* extract.c — placeholder until the extractors land (issue 4). */
#include "extract.h"

int extract_facts(doc *d) {
  (void)d;
  return 0;
}
