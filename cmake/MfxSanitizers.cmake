# MFX_SANITIZE=address,undefined builds everything, plugins included, with
# the sanitizers; UBSan findings abort so that a test fails on them.
if(MFX_SANITIZE)
  add_compile_options(-fsanitize=${MFX_SANITIZE} -fno-omit-frame-pointer
                      -fno-sanitize-recover=all)
  add_link_options(-fsanitize=${MFX_SANITIZE})
endif()
