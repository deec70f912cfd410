#ifndef PROMPTGATE_CYAML_SHIM_H
#define PROMPTGATE_CYAML_SHIM_H
#include <yaml.h>
#endif
