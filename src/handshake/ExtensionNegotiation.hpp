#pragma once

#include "handshake/ExtensionList.hpp"
#include "handshake/Findings.hpp"
#include "handshake/HandshakeFields.hpp"
#include "handshake/Outcome.hpp"
#include "handshake/PerMessageDeflate.hpp"
#include "handshake/ServerPolicy.hpp"
#include "util/SmallVector.hpp"

#include <optional>
#include <vector>

namespace wsh::handshake {

// The permessage-deflate parameters of each offered extension that is a valid
// permessage-deflate offer, by the offer's index in Outcome::offered_extensions.
using DeflateOffers = util::SmallVector<std::optional<DeflateParameters>, 4>;

// RFC 6455 4.2.1 item 9 and 9.1; RFC 7692 5: reads every Sec-WebSocket-Extensions line into
// the outcome's offered extensions, and each permessage-deflate offer into `deflate_offers`.
// A permessage-deflate offer with bad parameters is declined with a warning, not failed.
// Offers are taken from the back of `spare` while it has any, so their buffers are reused.
void read_offered_extensions(const HandshakeFields& fields, Findings& findings, Outcome& outcome,
                             std::vector<Extension>& spare, DeflateOffers& deflate_offers);

// RFC 6455 4.2.2 item 6 and 9.1; RFC 7692 7: the server answers only extensions the client
// offered, and a permessage-deflate answer must be a valid answer to one of its offers. Checks
// the application's choices, or negotiates permessage-deflate under --negotiate-deflate, and
// sets the outcome's selected extensions and offer verdicts.
void select_extensions(const ServerPolicy& policy, const HandshakeFields& fields,
                       const DeflateOffers& deflate_offers, Findings& findings, Outcome& outcome);

} // namespace wsh::handshake
