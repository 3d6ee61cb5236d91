package predict

import "math"

// Log2Z is the base-2 logarithm of the mixture's normaliser Z: the total
// prior weight of everything mixed, that is 2^-bits for each class plus the
// literal programs of every continuation no class claims. A class of b bits
// has posterior 2^(-b - Log2Z). The log stays finite where Z itself would
// underflow. It is NaN when r did not come from Predict.
func (r *Result) Log2Z() float64 {
	if r.z <= 0 {
		return math.NaN()
	}
	return math.Log2(r.z) - r.ref
}
