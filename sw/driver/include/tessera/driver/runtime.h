// The driver runtime API (docs/driver.md): Device, Stream, Event, CommandList, Status.
#pragma once

#include "tessera/driver/command_list.h"
#include "tessera/driver/device.h"
#include "tessera/driver/device_ptr.h"
#include "tessera/driver/event.h"
#include "tessera/driver/status.h"
#include "tessera/driver/stream.h"
