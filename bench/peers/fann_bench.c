/* FANN 2.2 peer for workloads A and B: a 2-H-2 net with tanh hidden units on
 * moons data (scikit-learn's make_moons, Gaussian noise), trained through the
 * FANN C API; prints one JSON object with the training time and samples/s.
 *
 *   fann_bench incremental|batch HIDDEN SAMPLES EPOCHS LEARNING_RATE SHUFFLE(0|1) SEED
 *
 * incremental: FANN_TRAIN_INCREMENTAL, one weight update per sample (mini-batches
 *              of 1: FANN has no mini-batches), for workload A;
 * batch:       FANN_TRAIN_BATCH, one update per epoch over all samples (full batch),
 *              for workload B. FANN 2.2 has no weight decay, so B runs without it.
 * FANN has no softmax: the two outputs are tanh units on one-hot targets in
 * {-1, 1} with FANN's mean-squared error. Hidden units are FANN_SIGMOID_SYMMETRIC
 * with steepness 1, which is tanh. Only the epoch loop is timed (including the
 * per-epoch shuffle when SHUFFLE is 1, as neurite shuffles every epoch).
 * Built by bench/run.py: gcc -O3 -march=native fann_bench.c -lfann -lm.
 */
#include <fann.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static unsigned long long state = 88172645463325252ull;

static double uniform01(void) {  // xorshift64*, enough for test data
  state ^= state >> 12;
  state ^= state << 25;
  state ^= state >> 27;
  return (double)((state * 2685821657736338717ull) >> 11) * 0x1.0p-53;
}

static double normal01(void) {
  double u1;
  do u1 = uniform01();
  while (u1 <= 0.0);
  return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * uniform01());
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(int argc, char** argv) {
  if (argc != 8) {
    fprintf(stderr, "usage: %s incremental|batch HIDDEN SAMPLES EPOCHS LEARNING_RATE SHUFFLE SEED\n", argv[0]);
    return 2;
  }
  const int incremental = strcmp(argv[1], "incremental") == 0;
  const unsigned hidden = (unsigned)atoi(argv[2]);
  const unsigned samples = (unsigned)atoi(argv[3]);
  const unsigned epochs = (unsigned)atoi(argv[4]);
  const float learning_rate = (float)atof(argv[5]);
  const int shuffle = atoi(argv[6]);
  state ^= (unsigned long long)atoll(argv[7]) * 0x9E3779B97F4A7C15ull;
  const double noise = 0.2;

  struct fann_train_data* data = fann_create_train(samples, 2, 2);
  const unsigned n_out = samples / 2, n_in = samples - n_out;
  for (unsigned i = 0; i < samples; ++i) {
    const int outer = i < n_out;
    const unsigned k = outer ? i : i - n_out, n = outer ? n_out : n_in;
    const double t = n > 1 ? 3.141592653589793 * k / (n - 1) : 0.0;
    const double x = outer ? cos(t) : 1.0 - cos(t);
    const double y = outer ? sin(t) : 1.0 - sin(t) - 0.5;
    data->input[i][0] = (fann_type)(x + noise * normal01());
    data->input[i][1] = (fann_type)(y + noise * normal01());
    data->output[i][0] = outer ? 1.0f : -1.0f;
    data->output[i][1] = outer ? -1.0f : 1.0f;
  }

  struct fann* ann = fann_create_standard(3, 2, hidden, 2);
  fann_set_activation_function_hidden(ann, FANN_SIGMOID_SYMMETRIC);
  fann_set_activation_function_output(ann, FANN_SIGMOID_SYMMETRIC);
  fann_set_activation_steepness_hidden(ann, 1.0f);
  fann_set_activation_steepness_output(ann, 1.0f);
  fann_set_training_algorithm(ann, incremental ? FANN_TRAIN_INCREMENTAL : FANN_TRAIN_BATCH);
  fann_set_learning_rate(ann, learning_rate);
  fann_set_learning_momentum(ann, 0.0f);
  fann_set_train_error_function(ann, FANN_ERRORFUNC_LINEAR);
  fann_randomize_weights(ann, -0.5f, 0.5f);

  float mse = 0.0f;
  const double start = now();
  for (unsigned e = 0; e < epochs; ++e) {
    if (shuffle) fann_shuffle_train_data(data);
    mse = fann_train_epoch(ann, data);
  }
  const double seconds = now() - start;
  const double trained = (double)samples * epochs;
  printf("{\"peer\": \"fann\", \"mode\": \"%s\", \"samples\": %.0f, \"seconds\": %.9f, "
         "\"samples_per_s\": %.3f, \"final_mse\": %.6f, \"fann_type_bytes\": %zu}\n",
         argv[1], trained, seconds, trained / seconds, mse, sizeof(fann_type));
  fann_destroy(ann);
  fann_destroy_train(data);
  return 0;
}
