// The office's paged lists (the pièces control's, the cancellation's): how many rows a page
// shows and how far their counts go, so that a page costs the same whatever the académie's size.
#pragma once

namespace examens::actions {

// Rows of one page, oldest first after a cursor (keyset paging on the candidature's id).
inline constexpr int kDossiersParPage = 50;
// A count stops at kDecomptePlafond + 1: the page says "plus de 999", not the exact figure,
// which a hundred thousand candidatures would make a whole index range to read.
inline constexpr long long kDecomptePlafond = 999;

}  // namespace examens::actions
